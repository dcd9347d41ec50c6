#!/usr/bin/python3
# -*- coding:utf-8 -*-
"""Manager 共享数据 / Manager(): a server process holds the shared objects.

Manager() 控制一个服务进程, 其他进程通过代理修改它持有的 dict 和 list.
Other processes change its dict and list through proxies.
"""
import time
from multiprocessing import Manager, Process


def f(d, l, n):
    d[n] = n
    d["name"] = "alvin"
    l.append(n)
    time.sleep(1)  # 让进程多存在一会儿, 在时间线上看得清


if __name__ == '__main__':
    with Manager() as manager:
        d = manager.dict()
        l = manager.list(range(5))
        p_list = []
        for i in range(10):
            p = Process(target=f, args=(d, l, i))
            p.start()
            p_list.append(p)
        for res in p_list:
            res.join()
        print(d)
        print(l)
