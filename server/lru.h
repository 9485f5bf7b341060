/*
 * lru.h - the recency list the server's caches share (plan_cache.c,
 * answer_cache.c): a doubly linked list, most recently used first.
 *
 * An entry embeds a struct jp_lru_node as its FIRST member, so a node
 * pointer is the entry's pointer.  The caller holds its cache's lock.
 */
#ifndef JP_LRU_H
#define JP_LRU_H

struct jp_lru_node {
	struct jp_lru_node *prev, *next;
};

struct jp_lru {
	struct jp_lru_node *head, *tail;
};

static inline void jp_lru_unlink(struct jp_lru *l, struct jp_lru_node *n)
{
	if (n->prev)
		n->prev->next = n->next;
	else
		l->head = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		l->tail = n->prev;
	n->prev = n->next = NULL;
}

static inline void jp_lru_push_front(struct jp_lru *l, struct jp_lru_node *n)
{
	n->prev = NULL;
	n->next = l->head;
	if (l->head)
		l->head->prev = n;
	l->head = n;
	if (!l->tail)
		l->tail = n;
}

#endif
