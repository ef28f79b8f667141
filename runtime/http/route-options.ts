/** What every route folder's plugin receives: the shared services. */
import type { Services } from '../services.js';

export interface RouteOptions {
  services: Services;
}
