#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""GIL / The same counting in two processes runs in parallel.

Each process has its own interpreter and its own GIL, so two processes
can count at the same time on two CPUs.  The program states what it
measured rather than a fixed conclusion: the CPU time per second for one
count alone and for the two children.  About 2x means they computed at
the same time; about 1x, one at a time.  Compare with threads_gil.py.

On a busy machine the two may seldom be on the CPUs together, so the
children measure it, like the C race demo: a step of counting counts
(half its time) as "together" when this process's CPU time kept up with
the clock and the other one made progress meanwhile.  They count past
COUNT until both measured 0.25 s together, or for 30 s at most.
"""
import os
import threading
import time
from multiprocessing import Process, RawArray


COUNT = 30_000_000
STEP = 100_000            # ~5 ms of counting
# The trace showed 0.23-0.42 times this estimate on a busy 2-cpu machine
# (23 and 42 ms for 0.1 s): 0.25 s leaves the catalog's 20 ms a margin.
TOGETHER_S = 0.25
MAX_S = 30


def count():
    i = 0
    while i < COUNT:
        i += 1


def count_measured(me, progress, together):
    other, i, start = 1 - me, 0, time.monotonic()
    while True:
        t0, c0, seen = time.monotonic(), time.process_time(), progress[other]
        for _ in range(STEP):
            i += 1
        t1, c1 = time.monotonic(), time.process_time()
        if c1 - c0 >= 0.95 * (t1 - t0) and progress[other] > seen:
            together[me] += (t1 - t0) / 2
        progress[me] += 1
        if i >= COUNT and min(together) >= TOGETHER_S or t1 - start > MAX_S:
            return


if __name__ == '__main__':
    threading.current_thread().name = 'main'
    start, cpu_start = time.monotonic(), time.process_time()
    count()
    alone, alone_cpu = time.monotonic() - start, time.process_time() - cpu_start
    start, before = time.monotonic(), os.times()
    progress, together = RawArray('q', 2), RawArray('d', 2)
    processes = [Process(target=count_measured, args=(i, progress, together), name='count-%d' % (i + 1))
                 for i in (0, 1)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    both, after = time.monotonic() - start, os.times()
    both_cpu = (after.children_user + after.children_system
                - before.children_user - before.children_system)
    rate = (both_cpu / both) / (alone_cpu / alone)
    print('measured: one count alone took %.2f s (%.2f s of CPU); two counting processes '
          'took %.2f s (%.2f s of CPU), and saw each other on a CPU for at least %.0f and %.0f ms'
          % (alone, alone_cpu, both, both_cpu, together[0] * 1000, together[1] * 1000))
    print('measured: the two processes got CPU at %.1fx the rate of one count alone: %s'
          % (rate, 'one computed at a time' if rate < 1.4 else
             'they computed at the same time' if rate > 1.7 else 'they overlapped part of the time'))
