package dev.idle.spi;

import dev.idle.api.data.DataMap;

/** Lets a step emit its own events; the engine stamps time, correlation id, actor and step name. */
@FunctionalInterface
public interface EventWriter {
    void write(String type, String message, DataMap data);
}
