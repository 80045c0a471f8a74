import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'execution-plane:public-route';

/** Marks a controller or route as open even when SERVICE_API_KEYS is set (GET /health). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
