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
/* A line for the user that is no error: "weft: MESSAGE" on stderr. */
void weft_print_note (const char *message);

/* Prints a bad command line's error and where to look ("run 'weft dump
 * --help' for its options"); returns the usage exit status, 2. */
int weft_print_option_error (const char *command, const char *message);
