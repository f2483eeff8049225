package loadtest

// The operations the clients send: what the units' web app asks for on its
// main screens (docs/api.md examples 2, 4, 7, 10), plus the idea workflow.

const qIdeasPage = `query IdeasPage($path: String!) {
  ideas(first: 50, where: {hasUnitWith: {pathHasPrefix: $path}}, orderBy: {field: PROPOSED_ON, direction: DESC}) {
    totalCount
    edges { node { id code title status proposedOn unit { code name } proposers { edges { node { code fullName } } } } }
  }
}`

const qIdeaDetail = `query IdeaDetail($id: ID!) {
  node(id: $id) {
    ... on Idea {
      code title status version availableActions
      events(orderBy: {field: SEQ}) { totalCount edges { node { seq action fromStatus toStatus occurredAt actorSub decisionNumber } } }
      adoptions { totalCount edges { node { adoptedOn unit { code name } } } }
    }
  }
}`

const qSubtree = `query Subtree($path: String!) {
  units(first: 200, where: {pathHasPrefix: $path}, orderBy: {field: CODE}) {
    totalCount
    edges { node { code name type path validTo parent { code } } }
  }
}`

const qViewer = `query Me($me: String!) {
  viewer { sub roles unit { id code name path type } }
  myIdeas: ideas(where: {hasProposersWith: {code: $me}}, orderBy: {field: PROPOSED_ON, direction: DESC}) {
    totalCount
    edges { node { code title status proposedOn } }
  }
}`

// qIdeaState is what a head's screen reads before acting: the version to
// send and the buttons to show.
const qIdeaState = `query IdeaState($id: ID!) {
  node(id: $id) { ... on Idea { code status version availableActions } }
}`

const qUnitsToday = `query UnitsToday($after: Cursor) {
  units(first: 1000, after: $after, where: {validToIsNil: true, typeIn: [WARD, DEPARTMENT]}, orderBy: {field: CODE}) {
    pageInfo { hasNextPage endCursor }
    edges { node { id code path type } }
  }
}`

const qMembers = `query Members($unit: String!) {
  people(first: 20, where: {hasMembershipsWith: {validToIsNil: true, hasUnitWith: {code: $unit}}}, orderBy: {field: CODE}) {
    edges { node { id code } }
  }
}`

const qUnitIdeas = `query UnitIdeas($unit: String!) {
  ideas(first: 50, where: {hasUnitWith: {code: $unit}}) { edges { node { id code } } }
}`

const mCreateIdea = `mutation ProposeIdea($input: CreateIdeaInput!) {
  createIdea(input: $input) { id code status version }
}`
