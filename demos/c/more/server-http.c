/* server-http: a small HTTP server (the course's HTTPServer v2.0), one
 * thread serving every connection through select().  It answers GET for
 * "/" and "/hello" and 404 for anything else, HTTP/1.0 style (one request
 * per connection).  Three client processes each send three requests and
 * print the status lines they get back. */
#include "demo-net.h"
#include "demo-util.h"

#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#define CLIENTS 3
#define REQUESTS_EACH 3
#define MAX_FDS 32

static const char *
page_for (const char *path, const char **status)
{
  *status = "200 OK";
  if (strcmp (path, "/") == 0)
    return "<html><body><h1>weft demo server</h1></body></html>\n";
  if (strcmp (path, "/hello") == 0)
    return "<html><body>hello, class!</body></html>\n";
  *status = "404 Not Found";
  return "<html><body>Sorry, there is no such page.</body></html>\n";
}

/* Reads one request, answers it, closes the connection. */
static void
answer (int conn)
{
  char request[2048], method[16] = "", path[256] = "/", response[1024];
  const char *status = "405 Method Not Allowed", *body = "";
  ssize_t got = recv (conn, request, sizeof request - 1, 0);

  if (got > 0)
    {
      request[got] = '\0';
      sscanf (request, "%15s %255s", method, path);
      if (strcmp (method, "GET") == 0)
        body = page_for (path, &status);
      demo_say ("server: %s %s -> %s", method, path, status);
      demo_send_all (conn, response, snprintf (response, sizeof response,
                                               "HTTP/1.0 %s\r\nContent-Type: text/html\r\n"
                                               "Content-Length: %zu\r\n\r\n%s",
                                               status, strlen (body), body));
    }
  close (conn);
}

static int
browser (int port, int number)
{
  static const char *paths[] = { "/", "/hello", "/missing" };

  demo_sleep_ms (150 * number);
  for (int i = 0; i < REQUESTS_EACH; i++)
    {
      char request[128], status[128];
      int fd = demo_connect_tcp (port);
      demo_send_all (fd, request, snprintf (request, sizeof request,
                                            "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", paths[i]));
      char rest[1024];
      if (demo_recv_line (fd, status, sizeof status) < 0)
        return 1;
      status[strcspn (status, "\r")] = '\0';
      while (recv (fd, rest, sizeof rest, 0) > 0) /* HTTP/1.0: the body ends when the server closes */
        ;
      demo_say ("browser-%d: GET %s -> %s", number, paths[i], status);
      close (fd);
      demo_sleep_ms (300);
    }
  return 0;
}

int
main (void)
{
  int port, listener = demo_listen_tcp (&port), answered = 0, succeeded;
  int waiting[MAX_FDS], n_waiting = 0;

  demo_name_thread ("http-server");
  demo_say ("server: http://127.0.0.1:%d/ (select over the listening socket and every request)", port);
  for (int i = 1; i <= CLIENTS; i++)
    {
      char name[16];
      snprintf (name, sizeof name, "browser-%d", i);
      demo_start_client (name, browser, port, i);
    }
  while (answered < CLIENTS * REQUESTS_EACH)
    {
      fd_set readable;
      int highest = listener;

      FD_ZERO (&readable);
      FD_SET (listener, &readable);
      for (int i = 0; i < n_waiting; i++)
        {
          FD_SET (waiting[i], &readable);
          highest = waiting[i] > highest ? waiting[i] : highest;
        }
      if (select (highest + 1, &readable, NULL, NULL, NULL) < 0)
        continue; /* EINTR (a browser ended): the sets say nothing */
      for (int i = 0; i < n_waiting; i++)
        if (FD_ISSET (waiting[i], &readable))
          {
            answer (waiting[i]);
            answered++;
            waiting[i--] = waiting[--n_waiting];
          }
      if (FD_ISSET (listener, &readable) && n_waiting < MAX_FDS)
        waiting[n_waiting++] = accept (listener, NULL, NULL);
    }
  succeeded = demo_wait_children ();
  demo_say ("server: answered %d requests; %d of %d browsers got every answer", answered, succeeded, CLIENTS);
  return succeeded == CLIENTS ? 0 : 1;
}
