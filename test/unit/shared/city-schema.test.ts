import { describe, expect, it } from 'vitest'
import { CitySchema } from '../../../shared/schemas/request.schema'

describe('the city of a request is a place name', () => {
  it.each([
    'Berlin',
    'Frankfurt am Main',
    'Halle (Saale)',
    'St. Gallen',
    "L'Aquila",
    'Castrop-Rauxel',
    'München',
    'Zürich',
    'Санкт-Петербург',
    'Kraków',
    'Côte d’Azur',
  ])('accepts %j', (city) => {
    expect(CitySchema.safeParse(city).success).toBe(true)
  })

  it.each([
    'Berlin +49 30 55512345 someone@example.com',
    '10115 Berlin',
    'www.firma-huber.at',
    'kaffee-roesterei.berlin',
    'Berlin, jane@example.com',
    'https://example.com',
    'Berlin / 0151',
    '(030) Berlin',
  ])('refuses %j', (city) => {
    expect(CitySchema.safeParse(city).success).toBe(false)
  })
})
