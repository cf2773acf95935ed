<?xml version="1.0" encoding="UTF-8"?>
<!-- DocBook XSL (docbook-xsl-ns) to XSL-FO for Brochure's DocBook editions: A4, fonts that carry
     Polish and Kazakh letters, SVG pictures kept. See Publishing/README.md for the commands. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="http://docbook.sourceforge.net/release/xsl-ns/current/fo/docbook.xsl"/>
  <xsl:param name="paper.type">A4</xsl:param>
  <xsl:param name="body.font.family">DejaVu Serif</xsl:param>
  <xsl:param name="title.font.family">DejaVu Sans</xsl:param>
  <xsl:param name="sans.font.family">DejaVu Sans</xsl:param>
  <xsl:param name="monospace.font.family">DejaVu Sans Mono</xsl:param>
  <xsl:param name="symbol.font.family">DejaVu Sans</xsl:param>
  <xsl:param name="dingbat.font.family">DejaVu Sans</xsl:param>
  <xsl:param name="body.font.master">10</xsl:param>
  <xsl:param name="fop1.extensions">1</xsl:param>
  <!-- The DocBook 5.0 schema spells inline SVG format="svg"; the stylesheets know "SVG". -->
  <xsl:param name="graphic.notations"> BMP GIF TIFF SVG svg PNG EPS JPG JPEG linespecific </xsl:param>
  <xsl:param name="generate.toc">article nop</xsl:param>
</xsl:stylesheet>
