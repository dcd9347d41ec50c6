/* echo-serve.c: see echo-serve.h. */
#include "echo-serve.h"
#include "demo-net.h"
#include "demo-util.h"

#include <string.h>
#include <unistd.h>

int
echo_serve (int conn, const char *who)
{
  char line[256];
  int lines = 0;

  while (demo_recv_line (conn, line, sizeof line - 1) >= 0)
    {
      size_t len = strlen (line);
      line[len] = '\n';
      demo_send_all (conn, line, len + 1);
      lines++;
    }
  demo_say ("%s: client closed the connection after %d lines", who, lines);
  close (conn);
  return lines;
}
