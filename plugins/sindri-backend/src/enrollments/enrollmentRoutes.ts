import { z } from 'zod';
import {
  instanceNameSchema,
  ownerRefSchema,
  sindriEnrollmentManagePermission,
} from '@internal/plugin-sindri-common';
import { PermissionGuard } from '../auth/PermissionGuard';
import { parse, principalRef } from '../http/parse';
import { SindriRouter } from '../http/types';
import { EnrollmentService } from './EnrollmentService';

const enrollmentSchema = z.object({
  name: instanceNameSchema,
  owner: ownerRefSchema,
});

/** `/enrollments`: instance names and their agent tokens, for enrollment managers. */
export function registerEnrollmentRoutes(
  router: SindriRouter,
  deps: { guard: PermissionGuard; enrollments: EnrollmentService },
) {
  const { guard, enrollments } = deps;

  router.post('/enrollments', async (req, res) => {
    const credentials = await guard.require(
      req,
      sindriEnrollmentManagePermission,
    );
    const body = parse(enrollmentSchema, req.body, '');
    const { instanceId, token } = await enrollments.enroll({
      ...body,
      createdBy: principalRef(credentials),
    });
    res
      .status(201)
      .json({ instanceId, name: body.name, owner: body.owner, token });
  });

  router.get('/enrollments', async (req, res) => {
    await guard.require(req, sindriEnrollmentManagePermission);
    res.json({ items: await enrollments.list() });
  });

  router.post('/enrollments/:instanceId/rotate', async (req, res) => {
    const credentials = await guard.require(
      req,
      sindriEnrollmentManagePermission,
    );
    const instanceId = parse(z.uuid(), req.params.instanceId, 'instanceId');
    res.json(await enrollments.rotate(instanceId, principalRef(credentials)));
  });

  router.delete('/enrollments/:instanceId', async (req, res) => {
    await guard.require(req, sindriEnrollmentManagePermission);
    await enrollments.revoke(
      parse(z.uuid(), req.params.instanceId, 'instanceId'),
    );
    res.status(204).end();
  });
}
