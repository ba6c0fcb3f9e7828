// HDF5 1.10 C API (Debian: libhdf5-dev, serial flavour).
#if !__has_include(<hdf5/serial/hdf5.h>)
#error "HDF5 headers not found: install the Debian package libhdf5-dev (run `make deps`)"
#endif
#include <hdf5/serial/hdf5.h>

// HDF5's type and property-list ids are macros over global variables, which Swift cannot
// import: these functions hand them over. (H5open must have run; H5open() is idempotent.)
static inline hid_t chdf5_native_float(void)  { H5open(); return H5T_NATIVE_FLOAT; }
static inline hid_t chdf5_native_double(void) { H5open(); return H5T_NATIVE_DOUBLE; }
static inline hid_t chdf5_native_int64(void)  { H5open(); return H5T_NATIVE_INT64; }
static inline hid_t chdf5_native_uint64(void) { H5open(); return H5T_NATIVE_UINT64; }
static inline hid_t chdf5_native_int32(void)  { H5open(); return H5T_NATIVE_INT32; }
static inline hid_t chdf5_ieee_f32le(void)    { H5open(); return H5T_IEEE_F32LE; }
static inline hid_t chdf5_ieee_f64le(void)    { H5open(); return H5T_IEEE_F64LE; }
static inline hid_t chdf5_std_i64le(void)     { H5open(); return H5T_STD_I64LE; }
static inline hid_t chdf5_std_u64le(void)     { H5open(); return H5T_STD_U64LE; }
static inline hid_t chdf5_c_s1(void)          { H5open(); return H5T_C_S1; }
static inline hid_t chdf5_p_dataset_create(void) { H5open(); return H5P_DATASET_CREATE; }
static inline hid_t chdf5_p_file_access(void)    { H5open(); return H5P_FILE_ACCESS; }
static inline hid_t chdf5_p_default(void)     { return H5P_DEFAULT; }
static inline hid_t chdf5_s_all(void)         { return H5S_ALL; }
static inline hid_t chdf5_e_default(void)     { return H5E_DEFAULT; }
static inline unsigned chdf5_f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned chdf5_f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned chdf5_f_acc_excl(void) { return H5F_ACC_EXCL; }
static inline size_t chdf5_variable(void) { return H5T_VARIABLE; }

// Added by the hdf5 helper (HDF5 Swift module): more property-list classes and access flags.
static inline hid_t chdf5_p_file_create(void)    { H5open(); return H5P_FILE_CREATE; }
static inline hid_t chdf5_p_group_create(void)   { H5open(); return H5P_GROUP_CREATE; }
static inline hid_t chdf5_p_link_create(void)    { H5open(); return H5P_LINK_CREATE; }
static inline unsigned chdf5_f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline haddr_t chdf5_haddr_undef(void) { return HADDR_UNDEF; }

// Exported by libhdf5 since 1.8.7 (not in its public headers): the Jenkins lookup3 checksum
// of metadata. H5FileImage uses it to re-seal the superblock of an in-memory file's image.
uint32_t H5_checksum_metadata(const void *data, size_t len, uint32_t initval);
