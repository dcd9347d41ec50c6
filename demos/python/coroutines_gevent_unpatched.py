#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""gevent 不打补丁 / gevent without monkey.patch_all(): time.sleep blocks all.

The tutorial: gevent.sleep(2) is IO that gevent recognises, but
time.sleep(2) is not; without monkey.patch_all() it blocks the whole
thread, and every greenlet with it.  eat() sleeps 2 s and play() 1 s
with the real time.sleep: joinall takes 3 s, one after the other.  Then
the same with gevent.sleep: 2 s, overlapped.  (coroutines_gevent.py
patches time.sleep itself.)
"""
import time

import gevent


def eat(name, sleep):
    print('%s 吃 (eats)' % name, flush=True)
    sleep(2)
    print('%s 喝 (drinks)' % name, flush=True)


def play(name, sleep):
    print('%s 玩 (plays)' % name, flush=True)
    sleep(1)
    print('%s 玩2 (plays again)' % name, flush=True)


if __name__ == '__main__':
    for label, sleep in (('time.sleep, not patched', time.sleep), ('gevent.sleep', gevent.sleep)):
        start = time.monotonic()
        gevent.joinall([gevent.spawn(eat, 'egon', sleep), gevent.spawn(play, 'egon', sleep)])
        print('main: with %s joinall took %.1f s' % (label, time.monotonic() - start), flush=True)
