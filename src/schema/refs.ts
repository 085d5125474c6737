/**
 * Every GraphQL object and interface as a Pothos ref, declared here and implemented in its own file
 * under ./types, so type files can point at each other without import cycles.
 */

import type { EntityProposal, MentionProposal, StatementProposal } from '../ingest/draft.js';
import type { PartialDate } from '../model/partialDate.js';
import type {
  AffiliationRecord,
  EntityShape,
  EvidenceRecord,
  GeoPoint,
  MentionRecord,
  ParticipationRecord,
  SourceRecord,
  StatementRecord,
} from '../model/records.js';
import type { DraftRecord } from '../queries/drafts.js';
import type { GraphPath, RelationshipRecord, SubgraphRecord } from '../queries/graph.js';
import type { SearchHitRecord } from '../queries/lists.js';
import { builder } from './builder.js';

/** Relay's Node interface (plugin-relay); the types that implement it are declared in types/Node.ts. */
export const NodeRef = builder.nodeInterfaceRef();
export const EntityRef = builder.interfaceRef<EntityShape>('Entity');
export const PersonRef = builder.objectRef<EntityShape>('Person');
export const OrganisationRef = builder.objectRef<EntityShape>('Organisation');
export const PlaceRef = builder.objectRef<EntityShape>('Place');
export const EventRef = builder.objectRef<EntityShape>('Event');
export const StatementRef = builder.objectRef<StatementRecord>('Statement');
export const SourceRef = builder.objectRef<SourceRecord>('Source');
export const PartialDateRef = builder.objectRef<PartialDate>('PartialDate');
export const GeoPointRef = builder.objectRef<GeoPoint>('GeoPoint');
export const EvidenceRef = builder.objectRef<EvidenceRecord>('Evidence');
export const MentionRef = builder.objectRef<MentionRecord>('Mention');
export const AffiliationRef = builder.objectRef<AffiliationRecord>('Affiliation');
export const ParticipationRef = builder.objectRef<ParticipationRecord>('Participation');
export const SearchHitRef = builder.objectRef<SearchHitRecord>('SearchHit');
export const PathRef = builder.objectRef<GraphPath>('Path');
export const GraphRelationshipRef = builder.objectRef<RelationshipRecord>('GraphRelationship');
export const SubgraphRef = builder.objectRef<SubgraphRecord>('Subgraph');

/** A draft's proposals, each carrying the article's text (for excerpts). */
type InSource<T> = T & { article: string };
export const DraftRef = builder.objectRef<DraftRecord>('Draft');
export const ProposedEntityRef = builder.objectRef<EntityProposal>('ProposedEntity');
export const ProposedMentionRef = builder.objectRef<InSource<MentionProposal>>('ProposedMention');
export const ProposedStatementRef = builder.objectRef<InSource<StatementProposal>>('ProposedStatement');
