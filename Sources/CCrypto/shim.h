#if !__has_include(<openssl/evp.h>)
#error "OpenSSL headers not found: install the Debian package libssl-dev (run `make deps`)"
#endif
#include <openssl/evp.h>
