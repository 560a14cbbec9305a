#include "CLuaSupport.h"
#include <lauxlib.h>
#include <signal.h>
#include <string.h>

static int trampoline(lua_State *L) {
    clua_swift_fn fn = (clua_swift_fn)lua_touserdata(L, lua_upvalueindex(1));
    int n = fn(L);                 /* the Swift function runs and returns */
    if (n < 0) return lua_error(L); /* longjmp from C, no Swift frame in between */
    return n;
}

void clua_push_swift_closure(lua_State *L, clua_swift_fn fn, int nup) {
    lua_pushlightuserdata(L, (void *)fn);
    lua_rotate(L, -(nup + 1), 1);
    lua_pushcclosure(L, trampoline, nup + 1);
}

int clua_traceback(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1; /* that is the message */
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Raises "interrupted!" (with the position of the running Lua code) at every
 * instruction until clua_clear_interrupt: a pcall in the user's code cannot swallow it. */
static void stop_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    luaL_where(L, 0);
    lua_pushstring(L, "interrupted!");
    lua_concat(L, 2);
    lua_error(L);
}

void clua_request_interrupt(lua_State *L) {
    lua_sethook(L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

void clua_clear_interrupt(lua_State *L) {
    if (lua_gethook(L) == stop_hook) lua_sethook(L, NULL, 0, 0);
}

static lua_State *volatile interrupt_target = NULL;
static volatile sig_atomic_t sigint_counter = 0;

static void on_sigint(int sig) {
    (void)sig;
    sigint_counter++;
    lua_State *L = interrupt_target;
    if (L != NULL) clua_request_interrupt(L);
}

void clua_install_sigint_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

void clua_set_interrupt_target(lua_State *L) { interrupt_target = L; }
long clua_sigint_count(void) { return (long)sigint_counter; }

static int gettable_body(lua_State *L) {
    /* stack: t, k */
    lua_gettable(L, 1);
    return 1;
}

int clua_safe_gettable(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, gettable_body);
    lua_pushvalue(L, idx);
    lua_rotate(L, -3, -1); /* k, f, t -> f, t, k */
    return lua_pcall(L, 2, 1, 0);
}

static int tostring_body(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

int clua_safe_tostring(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, tostring_body);
    lua_pushvalue(L, idx);
    return lua_pcall(L, 1, 1, 0);
}
