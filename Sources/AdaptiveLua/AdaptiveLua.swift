/// The `adaptive` Lua module and the kernel.
public enum AdaptiveLuaModule {}
