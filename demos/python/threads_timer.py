#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""定时器 Timer / Run a function later, in its own thread.

t1 = Timer(1, hello) fires after 1 s.  t2 = Timer(2, hello) is cancelled
at 0.5 s and never runs.  A Timer is a thread waiting on an Event with a
timeout.
"""
import time
from threading import Timer


def hello(who):
    print('hello, %s' % who, flush=True)


if __name__ == '__main__':
    t1 = Timer(1, hello, args=('world',))
    t2 = Timer(2, hello, args=('nobody',))
    t1.name, t2.name = 'hello-timer', 'cancel-timer'
    t1.start()
    t2.start()
    time.sleep(0.5)
    t2.cancel()
    print('main: cancel-timer cancelled', flush=True)
    t1.join()
    t2.join()
