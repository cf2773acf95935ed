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

// The version of the libxml2 the process runs with, e.g. "20914" (`xmlParserVersion` is a
// macro over a per-thread getter in some builds and a constant in others; C reads either).
static inline const char *brochure_xml_parser_version(void) { return xmlParserVersion; }
