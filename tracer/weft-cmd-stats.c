/* weft-cmd-stats.c */
#include "weft-commands.h"

int
weft_cmd_stats (int argc, char **argv)
{
  weft_print_error ("not implemented yet");
  return 1;
}
