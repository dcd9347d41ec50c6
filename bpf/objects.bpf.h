/* SPDX-License-Identifier: LGPL-2.1-or-later OR BSD-2-Clause */
/*
 * objects.bpf.h: what an fd is (pipe, socket and its addresses, mq, file,
 * tty, epoll), read straight from the task's file table at the moment it
 * is used.  One WEFT_EV_OBJECT per (process, fd, file): a per-(tgid, fd)
 * LRU map remembers which struct file was last described, so inherited
 * fds are described again in the child and reused fd numbers are noticed.
 * Included by weft.bpf.c.
 */
#ifndef WEFT_OBJECTS_BPF_H
#define WEFT_OBJECTS_BPF_H

#include "common.bpf.h"

#define WEFT_S_IFMT 00170000
#define WEFT_S_IFSOCK 0140000
#define WEFT_S_IFREG 0100000
#define WEFT_S_IFCHR 0020000
#define WEFT_S_IFIFO 0010000
#define WEFT_MQUEUE_MAGIC 0x19800202
#define WEFT_AF_UNIX 1
#define WEFT_AF_INET 2
#define WEFT_AF_INET6 10
#define WEFT_FMODE_READ 0x1
#define WEFT_FMODE_WRITE 0x2

struct weft_fd_key {
  __u32 tgid;
  __s32 fd;
};

struct weft_fd_seen {
  __u64 file; /* struct file * last described for this fd */
  __u64 ino;
  __u32 kind;
  __u32 reserved;
};

struct {
  __uint(type, BPF_MAP_TYPE_LRU_HASH);
  __uint(max_entries, 65536);
  __type(key, struct weft_fd_key);
  __type(value, struct weft_fd_seen);
} fds_seen SEC(".maps");

static __always_inline struct file *
weft_fd_file (int fd)
{
  struct task_struct *task = bpf_get_current_task_btf ();
  struct fdtable *fdt = BPF_CORE_READ (task, files, fdt);
  struct file **table;
  struct file *file = NULL;

  if (!fdt || fd < 0 || (unsigned int) fd >= BPF_CORE_READ (fdt, max_fds))
    return NULL;
  table = BPF_CORE_READ (fdt, fd);
  if (bpf_probe_read_kernel (&file, sizeof file, &table[fd]))
    return NULL;
  return file;
}

static __always_inline bool
weft_tty_major (__u32 major)
{
  /* tty, /dev/tty and console, pty masters/slaves (Unix98 and BSD). */
  return major == 4 || major == 5 || (major >= 136 && major <= 143) || major == 2 || major == 3;
}

static __always_inline void
weft_describe_socket (struct weft_object *e, struct file *file)
{
  struct socket *sock = BPF_CORE_READ (file, private_data);
  struct sock *sk = BPF_CORE_READ (sock, sk);
  __u16 family;

  if (!sk)
    return;
  e->sock_type = BPF_CORE_READ (sock, type);
  family = BPF_CORE_READ (sk, __sk_common.skc_family);
  e->family = family;
  if (family == WEFT_AF_INET)
    {
      __u32 local = BPF_CORE_READ (sk, __sk_common.skc_rcv_saddr);
      __u32 peer = BPF_CORE_READ (sk, __sk_common.skc_daddr);

      __builtin_memcpy (e->local_addr, &local, 4);
      __builtin_memcpy (e->peer_addr, &peer, 4);
    }
  else if (family == WEFT_AF_INET6)
    {
      BPF_CORE_READ_INTO (&e->local_addr, sk, __sk_common.skc_v6_rcv_saddr);
      BPF_CORE_READ_INTO (&e->peer_addr, sk, __sk_common.skc_v6_daddr);
    }
  if (family == WEFT_AF_INET || family == WEFT_AF_INET6)
    {
      e->local_port = BPF_CORE_READ (sk, __sk_common.skc_num);
      e->peer_port = bpf_ntohs (BPF_CORE_READ (sk, __sk_common.skc_dport));
    }
  else if (family == WEFT_AF_UNIX)
    {
      struct unix_sock *unix_sk = (struct unix_sock *) sk;
      struct unix_address *addr = BPF_CORE_READ (unix_sk, addr);
      struct sock *peer = BPF_CORE_READ (unix_sk, peer);
      __u64 peer_ino = 0;

      if (addr)
        bpf_probe_read_kernel_str (e->name, sizeof e->name, addr->name[0].sun_path);
      if (peer)
        peer_ino = BPF_CORE_READ (peer, sk_socket, file, f_inode, i_ino);
      __builtin_memcpy (e->peer_addr, &peer_ino, sizeof peer_ino);
    }
}

/* Fills kind, ino, name and flags of an object record from file. */
static __always_inline void
weft_describe_file (struct weft_object *e, struct file *file)
{
  struct inode *inode = BPF_CORE_READ (file, f_inode);
  __u32 mode = BPF_CORE_READ (inode, i_mode) & WEFT_S_IFMT;
  __u32 fmode = BPF_CORE_READ (file, f_mode);
  struct dentry *dentry = BPF_CORE_READ (file, f_path.dentry);

  e->ino = BPF_CORE_READ (inode, i_ino);
  e->flags |= (fmode & WEFT_FMODE_READ ? WEFT_OBJ_READ : 0) |
              (fmode & WEFT_FMODE_WRITE ? WEFT_OBJ_WRITE : 0);
  if (mode == WEFT_S_IFSOCK)
    {
      e->kind = WEFT_OBJ_SOCKET;
      weft_describe_socket (e, file);
      return;
    }
  bpf_probe_read_kernel_str (e->name, sizeof e->name, BPF_CORE_READ (dentry, d_name.name));
  if (mode == WEFT_S_IFIFO)
    e->kind = WEFT_OBJ_PIPE;
  else if (BPF_CORE_READ (inode, i_sb, s_magic) == WEFT_MQUEUE_MAGIC)
    e->kind = WEFT_OBJ_MQ;
  else if (mode == WEFT_S_IFCHR)
    e->kind = weft_tty_major (BPF_CORE_READ (inode, i_rdev) >> 20) ? WEFT_OBJ_TTY : WEFT_OBJ_OTHER;
  else if (mode == WEFT_S_IFREG && e->name[0] != '[')
    e->kind = WEFT_OBJ_FILE;
  else if (e->name[0] == '[' && e->name[1] == 'e' && e->name[2] == 'v' && e->name[3] == 'e' &&
           e->name[4] == 'n' && e->name[5] == 't' && e->name[6] == 'p')
    e->kind = WEFT_OBJ_EPOLL; /* the anon inode "[eventpoll]" */
  else
    e->kind = WEFT_OBJ_OTHER;
}

/* Emits an OBJECT record for fd unless this process already has one for
 * the same open file.  `force` describes it again (addresses changed). */
static __always_inline void
weft_note_fd (int fd, __u32 flags, bool force)
{
  struct weft_fd_key key = { .tgid = bpf_get_current_pid_tgid () >> 32, .fd = fd };
  struct file *file = weft_fd_file (fd);
  struct weft_fd_seen *seen, now = { 0 };
  struct weft_object *e;

  if (!file)
    return;
  seen = bpf_map_lookup_elem (&fds_seen, &key);
  if (seen && seen->file == (__u64) file && !force)
    return;
  e = WEFT_RESERVE (struct weft_object, WEFT_EV_OBJECT);
  if (!e)
    return;
  __builtin_memset (&e->fd, 0, sizeof *e - sizeof e->h);
  e->fd = fd;
  e->flags = flags;
  weft_describe_file (e, file);
  now.file = (__u64) file;
  now.ino = e->ino;
  now.kind = e->kind;
  weft_submit (e);
  bpf_map_update_elem (&fds_seen, &key, &now, BPF_ANY);
}

/* close(fd): forget it (its struct file may be reused for another open)
 * and tell the trace when it named something we described. */
static __always_inline void
weft_forget_fd (int fd)
{
  struct weft_fd_key key = { .tgid = bpf_get_current_pid_tgid () >> 32, .fd = fd };
  struct weft_fd_seen *seen = bpf_map_lookup_elem (&fds_seen, &key);
  struct weft_fd_close *e;
  __u64 ino;
  __u32 kind;

  if (!seen)
    return;
  ino = seen->ino;
  kind = seen->kind;
  bpf_map_delete_elem (&fds_seen, &key);
  e = WEFT_RESERVE (struct weft_fd_close, WEFT_EV_FD_CLOSE);
  if (!e)
    return;
  e->fd = fd;
  e->kind = kind;
  e->ino = ino;
  weft_submit (e);
}

#endif
