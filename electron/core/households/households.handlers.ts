import type { Handler } from '../handlers.ts';
import { getHouseholdFile, householdHistory, listScopedHouseholds, updateHousehold } from './households.service.ts';
import { addMember, removeMember, updateMember } from './members.service.ts';
import { addDocument, addEnrollment, addPartner, addVisit, getDocument, listPartners, listProgrammes, updateEnrollment } from './records.service.ts';

type HouseholdChannels =
  | 'households:list'
  | 'households:get'
  | 'households:update'
  | 'households:history'
  | 'members:add'
  | 'members:update'
  | 'members:remove'
  | 'visits:add'
  | 'documents:add'
  | 'documents:get'
  | 'programmes:list'
  | 'enrollments:add'
  | 'enrollments:update'
  | 'partners:list'
  | 'partners:add';

export const householdsHandlers = {
  'households:list': (input, ctx) => listScopedHouseholds(ctx.sessions, input),
  'households:get': (input, ctx) => getHouseholdFile(ctx.sessions, input.id),
  'households:update': (input, ctx) => updateHousehold(ctx.sessions, input),
  'households:history': (input, ctx) => householdHistory(ctx.sessions, input.id),
  'members:add': (input, ctx) => addMember(ctx.sessions, input),
  'members:update': (input, ctx) => updateMember(ctx.sessions, input),
  'members:remove': async (input, ctx) => {
    await removeMember(ctx.sessions, input.id);
    return null;
  },
  'visits:add': (input, ctx) => addVisit(ctx.sessions, input),
  'documents:add': (input, ctx) => addDocument(ctx.sessions, input),
  'documents:get': (input, ctx) => getDocument(ctx.sessions, input.id),
  'programmes:list': (_input, ctx) => listProgrammes(ctx.sessions),
  'enrollments:add': (input, ctx) => addEnrollment(ctx.sessions, input),
  'enrollments:update': (input, ctx) => updateEnrollment(ctx.sessions, input),
  'partners:list': (_input, ctx) => listPartners(ctx.sessions),
  'partners:add': (input, ctx) => addPartner(ctx.sessions, input),
} satisfies { [C in HouseholdChannels]: Handler<C> };
