#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""递归锁 / The fix: mutexA = mutexB = RLock().

The same ten threads as the deadlock demo, but A and B are one re-entrant
lock: the thread that holds it may acquire it again (a counter goes up),
and every other thread waits until the counter is back to 0.  All ten
threads finish.
"""
import time
from threading import Thread, RLock


mutexA = mutexB = RLock()


class MyThread(Thread):
    def run(self):
        self.f1()
        self.f2()

    def f1(self):
        mutexA.acquire()
        print('%s 拿到A锁 (got A)' % self.name, flush=True)
        mutexB.acquire()
        print('%s 拿到B锁 (got B)' % self.name, flush=True)
        mutexB.release()
        mutexA.release()

    def f2(self):
        mutexB.acquire()
        print('%s 拿到B锁 (got B)' % self.name, flush=True)
        time.sleep(0.1)
        mutexA.acquire()
        print('%s 拿到A锁 (got A)' % self.name, flush=True)
        mutexA.release()
        mutexB.release()


if __name__ == '__main__':
    threads = [MyThread(name='Thread-%d' % (i + 1)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print('main: all ten threads finished, no deadlock')
