/* echo-client.c: see echo-client.h. */
#include "echo-client.h"
#include "demo-net.h"
#include "demo-util.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LINES 3

int
echo_client (int port, int number)
{
  int fd = demo_connect_tcp (port);

  for (int i = 1; i <= LINES; i++)
    {
      char line[64], echo[64];
      int len = snprintf (line, sizeof line, "client-%d says hello %d\n", number, i);
      demo_send_all (fd, line, len);
      if (demo_recv_line (fd, echo, sizeof echo) < 0 || strncmp (echo, line, len - 1) != 0)
        {
          demo_say ("client-%d: no echo for line %d", number, i);
          return 1;
        }
      demo_say ("client-%d: the server echoed '%s' (at %.1f s)", number, echo,
                demo_elapsed_ms () / 1000.0);
      demo_sleep_ms (300);
    }
  close (fd);
  return 0;
}
