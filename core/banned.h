/*
 * banned.h - functions jospar does not call.  Each is replaced by a macro
 * that breaks the build, so a slip is caught at compile time (the list is
 * git's banned.h plus atoi and the non-reentrant time functions).
 */
#ifndef JP_BANNED_H
#define JP_BANNED_H

#define JP_BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) JP_BANNED(strcpy)
#undef strcat
#define strcat(x, y) JP_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) JP_BANNED(strncpy)
#undef sprintf
#define sprintf(...) JP_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) JP_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) JP_BANNED(strtok)
#undef atoi
#define atoi(x) JP_BANNED(atoi)
#undef gmtime
#define gmtime(t) JP_BANNED(gmtime)
#undef localtime
#define localtime(t) JP_BANNED(localtime)
#undef ctime
#define ctime(t) JP_BANNED(ctime)
#undef mktemp
#define mktemp(x) JP_BANNED(mktemp)

#endif
