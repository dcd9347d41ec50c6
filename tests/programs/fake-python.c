/* A program that looks like another CPython to the recorder: it exports
 * _PyRuntime and Py_Version (3.12.1) as an interpreter does, and sleeps.
 * The recorder must say once why it records no Python stacks for it. */
#include <time.h>

__attribute__ ((used)) const unsigned int Py_Version = 0x030c01f0;
__attribute__ ((used)) char _PyRuntime[4096];

int
main (void)
{
  struct timespec pause = { 0, 50 * 1000 * 1000 };

  for (int i = 0; i < 4; i++)
    nanosleep (&pause, NULL);
  return _PyRuntime[0];
}
