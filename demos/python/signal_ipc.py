#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""信号 / A signal as a message between processes (SIGUSR1 with a handler).

The parent installs a handler for SIGUSR1 with signal.signal, then forks
a child.  The child sends the parent SIGUSR1 three times, 0.3 s apart,
with os.kill(ppid, SIGUSR1): a message with no data, only "it happened".
Each time the parent's handler runs and counts it; the parent is not
killed (SIGUSR1's default action would end it).  Then the child exits.
"""
import os
import signal
import time

received = 0


def on_usr1(signum, frame):
    global received
    received += 1
    print('parent: handler ran for signal %d (message %d)' % (signum, received), flush=True)


if __name__ == '__main__':
    signal.signal(signal.SIGUSR1, on_usr1)   # 先注册处理函数 / handler first
    pid = os.fork()
    if pid == 0:
        for i in range(3):
            time.sleep(0.3)
            print('child: os.kill(%d, SIGUSR1)' % os.getppid(), flush=True)
            os.kill(os.getppid(), signal.SIGUSR1)
        os._exit(0)
    while received < 3:
        time.sleep(0.1)                      # 信号打断睡眠, 处理函数运行 / a signal cuts it short
    os.waitpid(pid, 0)
    print('parent: got %d SIGUSR1 messages and is still alive' % received)
