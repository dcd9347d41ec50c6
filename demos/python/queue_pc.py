#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""生产者消费者模型 / Producer and consumer with a bounded Queue.

multiprocessing.Queue(maxsize=3) 做阻塞队列.
The producer is fast, the consumer slow: put() blocks while the queue is full.
"""
import time
from multiprocessing import Process, Queue


def producer(q):
    for i in range(10):
        q.put('包子 %d' % i)  # 队列满时阻塞
        print('producer: made 包子 %d' % i)
    q.put(None)  # 结束信号


def consumer(q):
    while True:
        item = q.get()  # 队列空时阻塞
        if item is None:
            break
        print('consumer: ate %s' % item)
        time.sleep(0.2)


if __name__ == '__main__':
    q = Queue(maxsize=3)
    p = Process(target=producer, args=(q,))
    c = Process(target=consumer, args=(q,))
    p.start()
    c.start()
    p.join()
    c.join()
    print('main: done')
