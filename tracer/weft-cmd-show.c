/* weft-cmd-show.c */
#include "weft-commands.h"

int
weft_cmd_show (int argc, char **argv)
{
  weft_print_error ("not implemented yet");
  return 1;
}
