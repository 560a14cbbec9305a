/* Lua 5.4's function-like macros are invisible to Swift: these static inline
 * wrappers re-export the ones LuaKit needs. Internal to LuaKit; no stable API. */
#include <lua.h>
#include <lualib.h>
#include <lauxlib.h>

static inline int clua_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    return lua_pcallk(L, nargs, nresults, msgh, 0, NULL);
}
static inline lua_Number clua_tonumber(lua_State *L, int idx, int *isnum) { return lua_tonumberx(L, idx, isnum); }
static inline lua_Integer clua_tointeger(lua_State *L, int idx, int *isnum) { return lua_tointegerx(L, idx, isnum); }
static inline const char *clua_tolstring(lua_State *L, int idx, size_t *len) { return lua_tolstring(L, idx, len); }
static inline void clua_pop(lua_State *L, int n) { lua_settop(L, -(n) - 1); }
static inline void clua_newtable(lua_State *L) { lua_createtable(L, 0, 0); }
static inline void clua_insert(lua_State *L, int idx) { lua_rotate(L, idx, 1); }
static inline void clua_remove(lua_State *L, int idx) { lua_rotate(L, idx, -1); lua_settop(L, -2); }
static inline int clua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline int clua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline void *clua_newuserdata(lua_State *L, size_t sz) { return lua_newuserdatauv(L, sz, 1); }
static inline int clua_isinteger(lua_State *L, int idx) { return lua_isinteger(L, idx); }
static inline void **clua_extraspace(lua_State *L) { return (void **)lua_getextraspace(L); }
static inline int clua_isnoneornil(lua_State *L, int idx) { return lua_type(L, idx) <= 0; }
static inline void clua_gc_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT); }
static inline int clua_gc_count_kb(lua_State *L) { return lua_gc(L, LUA_GCCOUNT); }
