#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""线程同步(互斥锁) / A race on a global, and the fix with a Lock.

Ten threads each do: temp = n; time.sleep(0.1); n = temp - 1.
Without a lock they all read 100 before anyone writes, so n ends at 99,
not 90.  With --lock each holds the lock for the whole read-sleep-write:
the threads queue on the lock, one at a time, and n ends at 90.
"""
import sys
import time
from threading import Thread, Lock


n = 100
lock = Lock()
use_lock = '--lock' in sys.argv


def task(number):
    global n
    if use_lock:
        lock.acquire()
    temp = n
    time.sleep(0.1)
    n = temp - 1
    if use_lock:
        lock.release()


if __name__ == '__main__':
    print('10 threads each subtract 1 from n = 100,', 'holding the lock' if use_lock else 'with no lock', flush=True)
    threads = [Thread(target=task, args=(i,), name='task-%d' % i) for i in range(1, 11)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print('n =', n, '(expected 90)', '- correct' if n == 90 else '- updates were lost')
