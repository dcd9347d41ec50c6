#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""信号量 / Semaphore(5): at most five threads at a time.

The tutorial's example: ten threads, and a semaphore that lets at most
five in at a time ("可以限制最大连接数为5", it limits connections to five).
The tutorial holds each place for a random 1-3 s; here each holds it for
exactly 1 s, so the two waves of five are easy to see: five go in, the
other five wait in acquire() until places are released.
"""
import time
from threading import Thread, Semaphore, current_thread


sm = Semaphore(5)
start = time.monotonic()


def task():
    with sm:
        print('%s is in (at %.1f s)' % (current_thread().name, time.monotonic() - start), flush=True)
        time.sleep(1)


if __name__ == '__main__':
    threads = [Thread(target=task, name='person-%d' % i) for i in range(1, 11)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print('main: everyone has had a turn')
