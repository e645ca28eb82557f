// libxlsxwriter (Debian: libxlsxwriter-dev): writes Excel .xlsx workbooks with real cell types and formats.
#include <xlsxwriter.h>
