// Package document renders the business documents the app issues — quotes, contracts and contract redlines —
// as PDF.
//
// It is pure rendering: each function takes a view model whose money, dates and quantities are already
// formatted by the caller, and returns the PDF's bytes. Nothing here parses or computes an amount, so a
// document shows exactly the figures the app priced.
//
// Every document is set in one embedded font, IPAex Gothic (font/), in both English and Japanese, so the two
// languages look alike and any Japanese name in an English document still prints. The font is subset on
// output: a document carries only the glyphs it uses.
package document
