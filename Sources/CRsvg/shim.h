/* librsvg renders SVG text onto a cairo image surface (PNG output of Plotting). */
#include <librsvg/rsvg.h>
#include <cairo.h>
