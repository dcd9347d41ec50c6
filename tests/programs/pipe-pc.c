/* pipe-pc: a producer process writes messages of 1..100 bytes into a pipe,
 * a consumer process reads them in 64-byte gulps until end of file.  Both
 * print their byte totals. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int
main (void)
{
  int fds[2];
  char buf[100];
  long total = 0;
  pid_t consumer;

  if (pipe (fds) < 0)
    return 1;
  consumer = fork ();
  if (consumer == 0)
    {
      ssize_t n;

      close (fds[1]);
      while ((n = read (fds[0], buf, 64)) > 0)
        total += n;
      printf ("received %ld\n", total);
      fflush (stdout);
      _exit (0);
    }
  close (fds[0]);
  memset (buf, 'x', sizeof buf);
  for (int size = 1; size <= 100; size++)
    if (write (fds[1], buf, size) == size)
      total += size;
  close (fds[1]);
  waitpid (consumer, NULL, 0);
  printf ("sent %ld\n", total);
  return 0;
}
