package dev.ironworks.web;

import io.javalin.config.RoutesConfig;

/** A resource's routes under /api: thin handlers that read the request, call io, write JSON. */
interface Routes {
  void register(RoutesConfig app);
}
