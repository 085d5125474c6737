import { builder } from '../builder.js';
import { GraphRelationshipRef } from '../refs.js';
import { deleteNodeResolver, linkResolver, unlinkResolver } from '../resolvers/mutations.js';
import { EvidenceInput } from './Evidence.js';
import { RelationshipType } from './enums.js';

const LinkInput = builder.inputType('LinkInput', {
  description: 'A relationship between two existing nodes, named by their keys.',
  fields: (t) => ({
    from: t.string({ required: true, description: 'Key of the start node.' }),
    to: t.string({ required: true, description: 'Key of the end node.' }),
    type: t.field({
      type: RelationshipType,
      required: true,
      description: 'The relationship type, which decides what from and to may be.',
    }),
    role: t.string({
      description:
        'AFFILIATED_WITH: free text (at most 200 characters); PARTICIPATED_IN: a ParticipationRole value (required); others take none.',
    }),
    since: t.string({ description: 'AFFILIATED_WITH only: partial date the role began.' }),
    until: t.string({
      description: 'AFFILIATED_WITH only: partial date the role ended (not wholly before since).',
    }),
    evidence: t.field({
      type: [EvidenceInput],
      description:
        'Where sources report it; required for MENTIONS, pointing into the `from` source. For unlink: the mentions to remove, by start offset.',
    }),
  }),
});

builder.mutationFields((t) => ({
  link: t.field({
    type: GraphRelationshipRef,
    description:
      'Creates the relationship, or updates the one with the same type, ends and role (MENTIONS: the same offsets); returns it.',
    args: { input: t.arg({ type: LinkInput, required: true, description: 'The relationship.' }) },
    resolve: (_root, args, ctx) => linkResolver(ctx, args.input),
  }),
  unlink: t.boolean({
    description:
      'Removes the relationships of this type from one node to the other (only those of the role given, if any); true if any went.',
    args: {
      input: t.arg({
        type: LinkInput,
        required: true,
        description: 'The relationship; since and until are ignored.',
      }),
    },
    resolve: (_root, args, ctx) => unlinkResolver(ctx, args.input),
  }),
  deleteNode: t.boolean({
    description:
      'Deletes a node and its relationships, returning true (NOT_FOUND if none). An entity statements refer to is a CONFLICT; a source goes with the statements only it reports.',
    args: {
      id: t.arg.globalID({ required: true, description: 'Global id of the entity, statement or source.' }),
    },
    resolve: (_root, args, ctx) => deleteNodeResolver(ctx, args.id),
  }),
}));
