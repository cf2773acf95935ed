#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its encoding header would then pull in the system
// ICU headers, which clash with Foundation's own ICU module in any Swift module that
// imports both. Brochure never touches xmlCharEncodingHandler's fields (the only ones
// that depend on this), so the ICU part of the headers is left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/relaxng.h>
#include <libxml/xmlIO.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
