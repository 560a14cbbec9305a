/* CLuaSupport: every place a Lua error (a longjmp) may be raised on behalf of
 * Swift lives here, so that no longjmp ever crosses a Swift frame.
 * Internal to LuaKit; not a stable API. */
#ifndef CLUASUPPORT_H
#define CLUASUPPORT_H

#include <lua.h>

/** A Swift function callable from Lua. Returns the number of results (>= 0),
 *  or -1 after pushing an error value, which the trampoline then raises. */
typedef int (*clua_swift_fn)(lua_State *L);

/** Pushes a C closure that calls `fn`; the `nup` values on top of the stack
 *  become its upvalues 2 ... nup + 1 (upvalue 1 holds `fn`). */
void clua_push_swift_closure(lua_State *L, clua_swift_fn fn, int nup);

/** Message handler for lua_pcall: appends a traceback to string messages and
 *  turns non-string errors into text (calling __tostring), like lua.c. */
int clua_traceback(lua_State *L);

/** Arms a hook that raises "interrupted!" at the next instruction, and again at
 *  every instruction until clua_clear_interrupt. Safe to call from another thread or
 *  a signal handler (as lua.c does). */
void clua_request_interrupt(lua_State *L);

/** Removes the interrupt hook (if it has not fired yet). */
void clua_clear_interrupt(lua_State *L);

/** The SIGINT handler: counts the signal and interrupts the target state, if any. */
void clua_install_sigint_handler(void);
void clua_set_interrupt_target(lua_State *L);
long clua_sigint_count(void);

/** Protected `t[k]` for t at `idx` and k on top: replaces k by the value.
 *  Returns a Lua status (LUA_OK, or an error message on top). */
int clua_safe_gettable(lua_State *L, int idx);

/** Protected `luaL_tolstring`: pushes the text of the value at `idx`. */
int clua_safe_tostring(lua_State *L, int idx);

#endif
