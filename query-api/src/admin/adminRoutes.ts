import {
  DeadLettersQuery,
  StatsQuery,
  type DeadLetter,
  type DeadLetterPage,
} from '@scalemart/contracts';
import { parseWith } from '@scalemart/runtime/service';
import { Router } from 'express';
import { requireAdmin } from '../http/authenticate.js';
import { toView, type ReadModels } from '../readModels/readModels.js';
import { salesStats } from './salesStats.js';

/** GET /api/admin/stats and GET /api/admin/dead-letters — admins only (401 anonymous, 403 shoppers). */
export function adminRoutes(models: ReadModels): Router {
  const router = Router();
  router.use(requireAdmin);
  router.get('/stats', async (req, res) => {
    const { windowMinutes } = parseWith(StatsQuery, req.query);
    res.json(await salesStats(models, windowMinutes));
  });
  router.get('/dead-letters', async (req, res) => {
    const { limit } = parseWith(DeadLettersQuery, req.query);
    const docs = await models.deadLetters.find({}).sort({ at: -1, _id: -1 }).limit(limit).toArray();
    const body: DeadLetterPage = { deadLetters: docs.map((doc) => toView<DeadLetter>(doc)) };
    res.json(body);
  });
  return router;
}
