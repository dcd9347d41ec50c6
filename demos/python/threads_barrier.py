#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""Barrier / threading.Barrier(3): nobody goes on until all three arrive.

Three threads get ready at different times (0.2, 0.6 and 1.0 s), then
call barrier.wait().  The first two wait; when the third arrives all
three go on together.  Twice: a barrier can be used again.
"""
import threading
import time

barrier = threading.Barrier(3)


def runner(delay):
    name = threading.current_thread().name
    for lap in (1, 2):
        time.sleep(delay)
        print('%s: ready for lap %d, waits at the barrier' % (name, lap), flush=True)
        barrier.wait()
        print('%s: goes (lap %d)' % (name, lap), flush=True)


if __name__ == '__main__':
    threads = [threading.Thread(target=runner, args=(d,), name='runner-%d' % i)
               for i, d in enumerate((0.2, 0.6, 1.0), start=1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
