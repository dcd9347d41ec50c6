#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""yield与协程 / A producer and a consumer as generators, in one thread.

The tutorial's example: consumer() is a generator.  produce() sends it an
item with c.send(n); the consumer runs until its next yield, then control
comes back to the producer.  No thread, no lock: one thread takes turns
between two functions.  (The consumer's time.sleep stands for its work;
while it sleeps, the whole thread sleeps.)
"""
import threading
import time


def consumer():
    r = ''
    while True:
        n = yield r
        if not n:
            return
        print('[CONSUMER] ←← Consuming %s...' % n, flush=True)
        time.sleep(0.4)
        r = '200 OK'


def produce(c):
    next(c)
    n = 0
    while n < 5:
        n = n + 1
        print('[PRODUCER] →→ Producing %s...' % n, flush=True)
        cr = c.send(n)
        print('[PRODUCER] Consumer return: %s' % cr, flush=True)
    c.close()


if __name__ == '__main__':
    threading.current_thread().name = 'coroutines'
    c = consumer()
    produce(c)
