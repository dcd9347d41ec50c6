/* gui-make-fixture OUT.weft: writes the deadlock fixture (for screenshots). */
#include "gui-fixtures.h"

int
main (int argc, char **argv)
{
  if (argc != 2)
    {
      g_printerr ("usage: gui-make-fixture OUT.weft\n");
      return 2;
    }
  gui_fixture_write_deadlock (argv[1]);
  return 0;
}
