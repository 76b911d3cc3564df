package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/** Lets a step emit its own events; the engine stamps time, correlation id, actor and step name. */
@API(status = STABLE, since = "0.1")
@FunctionalInterface
public interface EventWriter {
    void write(String type, String message, DataMap data);
}
