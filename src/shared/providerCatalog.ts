// The admin API's wire shapes that both sides read (see journalEntry.ts): the provider catalog.

/** A model of a provider, with the sizes and durations a create may ask of it. */
export interface ModelChoices {
  id: string;
  sizes: string[];
  seconds: string[];
}

/** One provider as `GET /__mock/providers` describes it: what the console offers for it. */
export interface ProviderChoices {
  name: string;
  /** Whether `GET /v1/videos` lists this provider's jobs. */
  canList: boolean;
  /** The gateway's request types the provider supports (`video_generation`, `video_list`, ...). */
  operations: string[];
  models: ModelChoices[];
}

/** `GET /__mock/providers`: the provider catalog in force (fixtures/providers.json or --providers). */
export interface ProvidersAnswer {
  providers: ProviderChoices[];
}
