/*
 * pipe-oneway: a one-way pipe, like os.pipe() or Pipe(duplex=False).
 * The parent writes ten lines into the write end; the child reads them
 * from the read end, blocking whenever the pipe is empty.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "demo-util.h"

int
main (void)
{
  int fds[2];
  pid_t pid;

  say ("parent: one pipe, I write, my child reads");
  say ("父进程: 单向管道 -- 父进程写入, 子进程读取, 管道为空时子进程阻塞");
  if (pipe (fds) < 0)
    return 1;
  pid = fork ();
  if (pid == 0)
    {
      char buffer[128];
      ssize_t n;

      name_self ("reader");
      close (fds[1]);
      while ((n = read (fds[0], buffer, sizeof buffer - 1)) > 0)
        {
          buffer[n] = '\0';
          say ("reader: read %zd bytes: %s", n, strtok (buffer, "\n"));
        }
      say ("reader: end of file (the writer closed its end), exiting");
      _exit (0);
    }
  name_self ("writer");
  close (fds[0]);
  for (int i = 1; i <= 10; i++)
    {
      char line[64];
      int len = snprintf (line, sizeof line, "message %d through the pipe\n", i);

      write (fds[1], line, len);
      sleep_ms (150);
    }
  close (fds[1]);
  waitpid (pid, NULL, 0);
  say ("writer: done");
  return 0;
}
