#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""死锁 / The tutorial's deadlock with mutexA and mutexB.

Ten MyThreads run func1 (A then B) and func2 (B, sleep, then A).
Thread-1 holds B and waits for A; Thread-2 holds A and waits for B; the
other eight wait for A.  Nobody moves again.  A watchdog (SIGALRM) ends
the process after 3 s and says so.
"""
import os
import signal
import time
from threading import Thread, Lock


mutexA = Lock()
mutexB = Lock()


class MyThread(Thread):
    def run(self):
        self.func1()
        self.func2()

    def func1(self):
        mutexA.acquire()
        print('%s 拿到A锁 (got A)' % self.name, flush=True)
        mutexB.acquire()
        print('%s 拿到B锁 (got B)' % self.name, flush=True)
        mutexB.release()
        mutexA.release()

    def func2(self):
        mutexB.acquire()
        print('%s 拿到B锁 (got B)' % self.name, flush=True)
        time.sleep(0.5)
        mutexA.acquire()
        print('%s 拿到A锁 (got A)' % self.name, flush=True)
        mutexA.release()
        mutexB.release()


def watchdog(signum, frame):
    print('watchdog: every thread waits for a lock another one holds; '
          'still stuck after 3 s, so the demo ends itself.', flush=True)
    os._exit(0)


if __name__ == '__main__':
    signal.signal(signal.SIGALRM, watchdog)
    signal.alarm(3)
    for i in range(10):
        MyThread(name='Thread-%d' % (i + 1)).start()
