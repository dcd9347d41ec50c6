#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""写时复制 / Copy-on-write after fork.

Not in the tutorial; what makes its fork() cheap.  The parent fills 128 MB,
then forks.  The child gets the same pages, shared, not copied: reading all
of them costs nothing extra, and the child's private memory stays near 0.
Then the child writes one byte in every 4 KB page: now each page is copied
for it on the first write, and its private memory grows to 128 MB.  The
parent's data is untouched.  Both print what they measured.
"""
import os
import time

SIZE = 128 * 1024 * 1024
PAGE = os.sysconf('SC_PAGE_SIZE')


def private_mb():
    """This process's own (unshared, written) memory, from the kernel."""
    with open('/proc/self/smaps_rollup') as rollup:
        for line in rollup:
            if line.startswith('Private_Dirty:'):
                return int(line.split()[1]) / 1024
    return 0.0


if __name__ == '__main__':
    data = bytearray(b'p' * SIZE)  # the parent writes every page: all of it is the parent's
    print('parent: %d MB filled, private %.0f MB' % (SIZE >> 20, private_mb()), flush=True)
    pid = os.fork()
    if pid == 0:
        print('child:  after fork, private %.0f MB (the pages are shared)' % private_mb(), flush=True)
        start = time.perf_counter()
        seen = sum(data[i] for i in range(0, SIZE, PAGE))
        read_s = time.perf_counter() - start
        print('child:  read a byte of each of %d pages in %.3f s, private %.0f MB'
              % (SIZE // PAGE, read_s, private_mb()), flush=True)
        start = time.perf_counter()
        for i in range(0, SIZE, PAGE):
            data[i] = ord('c')
        write_s = time.perf_counter() - start
        print('child:  wrote a byte in each page in %.3f s, private %.0f MB (each page copied at its first write)'
              % (write_s, private_mb()), flush=True)
        print('measured: writing cost %.1fx reading the same pages' % (write_s / read_s), flush=True)
        os._exit(0 if seen == ord('p') * (SIZE // PAGE) else 1)
    os.waitpid(pid, 0)
    print('parent: my data still starts with %r: the child wrote to its own copies' % bytes(data[:1]), flush=True)
