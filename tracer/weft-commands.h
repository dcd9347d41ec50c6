/* weft-commands.h: the subcommands of the `weft` CLI.  Each returns the
 * process exit status. */
#pragma once

int weft_cmd_record (int argc, char **argv);
int weft_cmd_dump (int argc, char **argv);
int weft_cmd_show (int argc, char **argv);
int weft_cmd_stats (int argc, char **argv);
int weft_cmd_export (int argc, char **argv);
int weft_cmd_demos (int argc, char **argv);

/* Prints "weft: MESSAGE" to stderr. */
void weft_print_error (const char *message);
