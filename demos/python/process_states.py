#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""进程状态 / Process states.

ps -aux 的 STAT 列: R 运行, S 睡眠, T 停止, Z 僵尸.
(D, uninterruptible sleep, needs vfork(): see the C demo process-states.)
"""
import os
import signal
import time


def child(body):
    pid = os.fork()
    if pid == 0:
        body()
        os._exit(0)
    return pid


def running():
    print('R: computing for 1 s of cpu time')
    deadline = time.process_time() + 1
    while time.process_time() < deadline:
        pass


def sleeping():
    print('S: time.sleep(1)')
    time.sleep(1)


def stopped():
    print('T: os.kill(os.getpid(), SIGSTOP) until my parent sends SIGCONT')
    os.kill(os.getpid(), signal.SIGSTOP)
    print('T: continued')


def zombie():
    print('Z: exiting now, my parent waits for me later')


if __name__ == '__main__':
    r, s, t, z = child(running), child(sleeping), child(stopped), child(zombie)
    os.waitpid(t, os.WUNTRACED)  # T 真的停下来了
    os.waitpid(r, 0)
    os.waitpid(s, 0)
    time.sleep(0.5)
    print('parent: SIGCONT to', t)
    os.kill(t, signal.SIGCONT)
    os.waitpid(t, 0)
    os.waitpid(z, 0)
    print('parent: reaped the zombie', z)
