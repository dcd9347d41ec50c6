#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""守护进程 / Daemonic children end with the main process.

daemon = True -- 主进程代码执行结束, 守护进程随之终止
Two daemonic children are terminated (SIGTERM) when the main process ends.
"""
import time
from multiprocessing import Process


def foo(name):
    print('daemon %s: working forever' % name)
    while True:
        time.sleep(0.1)


if __name__ == '__main__':
    for name in ('Yim', 'Jim'):
        p = Process(target=foo, args=(name,))
        p.daemon = True  # 一定要在 p.start() 前设置
        p.start()
    time.sleep(1)
    print('main: my code ends here; my daemon children are terminated with me')
