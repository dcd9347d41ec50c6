/* print-ids: prints the real and effective uid and gid it runs with. */
#include <stdio.h>
#include <unistd.h>

int
main (void)
{
  printf ("uid=%u euid=%u gid=%u egid=%u\n", getuid (), geteuid (), getgid (), getegid ());
  return 0;
}
